//! Handing a file to the person (a register as CSV) and printing the page: the browser does
//! both, so nothing leaves the device and both work with no signal.

/// Offers `text` as a download called `file_name`, of type `mime`. A byte-order mark goes
/// first, so spreadsheet programs read the UTF-8 names rightly.
///
/// # Errors
/// What the browser refused, in words.
#[cfg(target_arch = "wasm32")]
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    use wasm_bindgen::JsCast;

    let failed =
        |_| "This browser would not save the file; try again, or print instead.".to_owned();
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&format!("\u{FEFF}{text}")));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(failed)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(failed)?;
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or_else(|| failed(wasm_bindgen::JsValue::NULL))?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(failed)?
        .dyn_into()
        .map_err(|_| failed(wasm_bindgen::JsValue::NULL))?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // The click has handed the blob to the download by now.
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Native builds (unit tests) have no browser to save a file.
///
/// # Errors
/// Always.
#[cfg(not(target_arch = "wasm32"))]
pub fn download_text(_file_name: &str, _mime: &str, _text: &str) -> Result<(), String> {
    Err("Downloads need the app in a browser.".to_owned())
}

/// Opens the browser's print dialogue for the page; the print stylesheet leaves out the
/// navigation and buttons.
pub fn print_page() {
    #[cfg(target_arch = "wasm32")]
    if let Some(window) = web_sys::window() {
        // Nothing to do if the browser has no printing: the button is simply inert.
        let _ = window.print();
    }
}
