//! What the app's native tests share: the SPEC example files.

/// The bytes of a file under `tests/spec/`.
pub fn spec(rel: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/spec")
            .join(rel),
    )
    .unwrap_or_else(|e| panic!("tests/spec/{rel}: {e}"))
}
