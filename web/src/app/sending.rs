//! The one place the app sends anything over the network: an order request
//! POSTed to the policy's `submit_url`, only when the partner clicks
//! "Submit now". Done by the browser's own `fetch` through a few lines of
//! JavaScript (no HTTP crate in the wasm), with a timeout, no cookies and
//! no redirects followed.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export async function post_json(url, body, timeoutMs) {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  try {
    const r = await fetch(url, {
      method: 'POST', body, signal: ctl.signal,
      headers: { 'content-type': 'application/json' },
      credentials: 'omit', cache: 'no-store', redirect: 'error',
    });
    const text = await r.text();
    return [r.status, text, r.headers.get('x-channel-message') || ''];
  } catch (e) {
    return [0, e && e.name === 'AbortError' ? '' : String((e && e.message) || e), ''];
  } finally {
    clearTimeout(timer);
  }
}
export function now_iso() { return new Date().toISOString(); }
"#)]
extern "C" {
    async fn post_json(url: &str, body: &str, timeout_ms: u32) -> JsValue;
    fn now_iso() -> String;
}

/// How long the vendor has to answer.
pub const TIMEOUT_SECONDS: u32 = 20;

/// What came back from a POST.
pub enum Outcome {
    /// An HTTP answer: status, body, the vendor's `x-channel-message`.
    Answered(u16, String, Option<String>),
    /// No answer within [`TIMEOUT_SECONDS`].
    TimedOut,
    /// No answer at all (offline, refused, blocked): the browser's words.
    Unreachable(String),
}

/// POSTs `body` (JSON) to `url`.
pub async fn post(url: &str, body: &str) -> Outcome {
    let v = post_json(url, body, TIMEOUT_SECONDS * 1000).await;
    let parts = js_sys::Array::from(&v);
    let status = parts.get(0).as_f64().unwrap_or(0.0) as u16;
    let text = parts.get(1).as_string().unwrap_or_default();
    let message = parts.get(2).as_string().filter(|m| !m.is_empty());
    match status {
        0 if text.is_empty() => Outcome::TimedOut,
        0 => Outcome::Unreachable(text),
        s => Outcome::Answered(s, text, message),
    }
}

/// The browser's clock as a UTC timestamp (`2026-11-20T09:41:07.123Z`).
pub fn now() -> String {
    now_iso()
}
