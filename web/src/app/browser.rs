//! The few things the app asks of the browser: today's date, the preferred
//! language, local storage, files, URLs and the URL hash. Failures become
//! messages.

use super::i18n::Lang;
use crate::engine::problem::Document;
use gloo_storage::Storage;
use yew::Callback;

pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

pub fn preferred_lang() -> Lang {
    let tag = web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default();
    Lang::from_browser_language(&tag)
}

/// Keeps `<html lang>` in step with the UI, for screen readers and fonts.
pub fn set_document_language(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", if lang.is_en() { "en" } else { "zh-CN" });
    }
}

pub fn load(key: &str) -> Option<String> {
    gloo_storage::LocalStorage::raw()
        .get_item(key)
        .ok()
        .flatten()
}

/// `false` when the browser refuses (private mode, quota).
pub fn save(key: &str, text: &str) -> bool {
    gloo_storage::LocalStorage::raw()
        .set_item(key, text)
        .is_ok()
}

/// Removes what is kept under `key` (a hand-over read once).
#[cfg(feature = "studio")]
pub fn remove(key: &str) {
    let _ = gloo_storage::LocalStorage::raw().remove_item(key);
}

pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// What arrived from a file or a URL: its bytes, or why there are none.
/// Plain data: what the app does with it is not this module's business.
pub enum Arrival {
    Bytes {
        name: String,
        bytes: Vec<u8>,
    },
    Unreadable {
        name: String,
        /// What the file was expected to be.
        document: Document,
        error: String,
    },
}

/// Reads picked or dropped files and hands over all of them at once, in
/// the order given, so files that belong together arrive together.
pub fn read_files(files: web_sys::FileList, dispatch: Callback<Vec<Arrival>>) {
    // Taken now: the input is cleared once this returns.
    let files: Vec<gloo_file::File> = (0..files.length())
        .filter_map(|i| files.get(i))
        .map(gloo_file::File::from)
        .collect();
    wasm_bindgen_futures::spawn_local(async move {
        let mut arrivals = Vec::with_capacity(files.len());
        for file in files {
            let name = file.name();
            arrivals.push(match gloo_file::futures::read_as_bytes(&file).await {
                Ok(bytes) => Arrival::Bytes { name, bytes },
                Err(e) => Arrival::Unreadable {
                    name,
                    document: Document::Policy,
                    error: e.to_string(),
                },
            });
        }
        dispatch.emit(arrivals);
    });
}

/// The URL's hash (`#plan`), or `""`.
pub fn hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Goes to another page of the app (`plan.html`, …): a new history entry.
pub fn go_to(page: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().assign(page);
    }
}

/// Listens to `hashchange` (a link, back or forward) while kept; dropping
/// it stops listening.
pub struct HashListener {
    window: web_sys::Window,
    closure: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl Drop for HashListener {
    fn drop(&mut self) {
        use wasm_bindgen::JsCast;
        let _ = self.window.remove_event_listener_with_callback(
            "hashchange",
            self.closure.as_ref().unchecked_ref(),
        );
    }
}

/// Hands over the new hash each time it changes.
pub fn on_hash_change(emit: Callback<String>) -> Option<HashListener> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let location = window.location();
    let closure = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
        emit.emit(location.hash().unwrap_or_default())
    });
    window
        .add_event_listener_with_callback("hashchange", closure.as_ref().unchecked_ref())
        .ok()?;
    Some(HashListener { window, closure })
}

/// `?policy=URL&account=URL&plan=URL`: fetches each and opens them
/// like files picked together.
pub fn load_url_params(dispatch: Callback<Vec<Arrival>>) {
    let Some(search) = web_sys::window().and_then(|w| w.location().search().ok()) else {
        return;
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return;
    };
    let wanted: Vec<(String, Document)> = [
        ("policy", Document::Policy),
        ("account", Document::Account),
        ("plan", Document::Plan),
    ]
    .into_iter()
    .filter_map(|(param, document)| params.get(param).map(|url| (url, document)))
    .collect();
    if wanted.is_empty() {
        return;
    }
    // Fetched first, handed over together: a plan is then checked against
    // the policy that came with it, whichever answer arrived first.
    wasm_bindgen_futures::spawn_local(async move {
        let mut arrivals = Vec::with_capacity(wanted.len());
        for (url, document) in wanted {
            let result = fetch_bytes(&url).await;
            arrivals.push(match result {
                Ok(bytes) => Arrival::Bytes { name: url, bytes },
                Err(error) => Arrival::Unreadable {
                    name: url,
                    document,
                    error,
                },
            });
        }
        dispatch.emit(arrivals);
    });
}

/// Offers `text` as a file download (the order JSON for the vendor).
pub fn download(file_name: &str, text: &str) {
    // Indented for people who open the file, by the browser's own JSON
    // (every amount is a string, so nothing is re-read as a number).
    let pretty = js_sys::JSON::parse(text)
        .ok()
        .and_then(|v| {
            js_sys::JSON::stringify_with_replacer_and_space(
                &v,
                &wasm_bindgen::JsValue::NULL,
                &wasm_bindgen::JsValue::from_f64(2.0),
            )
            .ok()
        })
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| text.to_string());
    download_text(file_name, &pretty, "application/json");
}

/// Offers `text` as a file download of type `mime`, exactly as given: the
/// browser encodes the string as UTF-8, so a leading U+FEFF (the CSV's
/// byte order mark) becomes the bytes EF BB BF.
pub fn download_text(file_name: &str, text: &str, mime: &str) {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let anchor = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let Some(a) = anchor {
        a.set_href(&url);
        a.set_download(file_name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Adds or removes a class on `<body>` (presentation mode restyles the
/// whole page, header included).
#[cfg(feature = "studio")]
pub fn set_body_class(name: &str, on: bool) {
    let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    else {
        return;
    };
    let list = body.class_list();
    let _ = if on {
        list.add_1(name)
    } else {
        list.remove_1(name)
    };
}

/// GET `url` with the browser's own `fetch` (no HTTP crate in the wasm):
/// the body's bytes, or why there are none.
async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let shown = |e: wasm_bindgen::JsValue| e.as_string().unwrap_or_else(|| format!("{e:?}"));
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(shown)?
        .dyn_into()
        .map_err(shown)?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(shown)?)
        .await
        .map_err(shown)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
