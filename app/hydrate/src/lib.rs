//! Entry point of the WebAssembly bundle: hydrates the islands of the server-rendered
//! page (and nothing else: every other part of a page is plain HTML from the server).

// The islands are compiled in the app crate; linking it brings their exports along.
pub use app::components::enhance;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
