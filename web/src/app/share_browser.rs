//! What saved quotes and share links ask of the browser, done by a few
//! lines of JavaScript so the wasm carries no compression or base64 code:
//! `CompressionStream('deflate')` (zlib: its Adler-32 check makes an
//! altered link fail to open rather than open as another order) and
//! base64url, the clipboard, the page's address, replacing the URL hash
//! without a history entry, the header's file picker, and the local time.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
const b64u = (bytes) => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};
const unb64u = (t) => {
  if (!/^[A-Za-z0-9_-]+$/.test(t)) throw new Error('not base64url');
  return Uint8Array.from(atob(t.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
};
async function through(bytes, stream, max) {
  const reader = new Blob([bytes]).stream().pipeThrough(stream).getReader();
  const parts = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.length;
    if (n > max) { reader.cancel().catch(() => {}); throw new Error('too large'); }
    parts.push(value);
  }
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}
export async function share_deflate(json) {
  try { return b64u(await through(new TextEncoder().encode(json), new CompressionStream('deflate'), 1 << 24)); }
  catch (e) { return null; }
}
export async function share_inflate(text) {
  try {
    const bytes = await through(unb64u(text), new DecompressionStream('deflate'), 1 << 20);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) { return null; }
}
export async function copy_text(text) {
  try {
    const timeout = new Promise((_, no) => setTimeout(() => no(new Error('timeout')), 1500));
    await Promise.race([navigator.clipboard.writeText(text), timeout]);
    return true;
  } catch (e) { return false; }
}
export function replace_hash(hash) {
  try { history.replaceState(history.state, '', hash); } catch (e) { location.hash = hash; }
}
export function page_address() { return location.origin + location.pathname; }
export function open_file_picker() { document.querySelector('[data-testid=file-input]')?.click(); }
export function now_local() {
  const d = new Date(), p = (n) => String(n).padStart(2, '0');
  return [Date.now(), `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`];
}
"#)]
extern "C" {
    async fn share_deflate(json: &str) -> JsValue;
    async fn share_inflate(text: &str) -> JsValue;
    async fn copy_text(text: &str) -> JsValue;
    /// Replaces the URL hash without a new history entry or a
    /// `hashchange` event.
    pub fn replace_hash(hash: &str);
    /// `origin + pathname`: the app's address without query or hash.
    pub fn page_address() -> String;
    /// Opens the header's file picker (the one way files are opened).
    pub fn open_file_picker();
    fn now_local() -> JsValue;
}

/// base64url of the zlib-compressed `json`; `None` if the browser cannot.
pub async fn compress(json: &str) -> Option<String> {
    share_deflate(json).await.as_string()
}

/// The JSON in a link's payload; `None` if it is not base64url of zlib
/// data, fails its check, or is too large.
pub async fn decompress(payload: &str) -> Option<String> {
    share_inflate(payload).await.as_string()
}

/// Copies `text` to the clipboard; `false` if the browser refused.
pub async fn copy(text: &str) -> bool {
    copy_text(text).await.as_bool().unwrap_or(false)
}

/// The time in milliseconds, and the local time `YYYY-MM-DD HH:MM`.
pub fn now() -> (u64, String) {
    let v = js_sys::Array::from(&now_local());
    (
        v.get(0).as_f64().unwrap_or(0.0) as u64,
        v.get(1).as_string().unwrap_or_default(),
    )
}
