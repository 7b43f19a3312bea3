//! Reading the chosen CSV file in the browser and wrapping it for the import API.
//!
//! The bytes go to the server untouched (base64), so an MIS export in Windows-1252 arrives
//! as it was written; the server decodes it.

use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub use mentor_core::import_api::MAX_IMPORT_FILE_BYTES as MAX_FILE_BYTES;

/// A file the user chose: its name and bytes.
#[derive(Debug, Clone)]
pub struct ChosenFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Why the file could not be read, in words for the user.
const READ_FAILED: &str = "The file could not be read. Choose it again; if this keeps happening, save it from the MIS again.";

/// The first file chosen in the `<input type="file">` that fired `event`, if any.
pub async fn read_chosen_file(event: &leptos::ev::Event) -> Result<Option<ChosenFile>, String> {
    let Some(input) = event.target() else {
        return Ok(None);
    };
    let input = JsValue::from(input);
    let files = Reflect::get(&input, &"files".into()).map_err(|_| READ_FAILED.to_owned())?;
    if files.is_null() || files.is_undefined() {
        return Ok(None);
    }
    let file = Reflect::get(&files, &JsValue::from(0)).map_err(|_| READ_FAILED.to_owned())?;
    if file.is_null() || file.is_undefined() {
        return Ok(None);
    }
    let name = Reflect::get(&file, &"name".into())
        .ok()
        .and_then(|name| name.as_string())
        .unwrap_or_default();
    let array_buffer: Function = Reflect::get(&file, &"arrayBuffer".into())
        .ok()
        .and_then(|method| method.dyn_into().ok())
        .ok_or_else(|| READ_FAILED.to_owned())?;
    let promise: Promise = array_buffer
        .call0(&file)
        .ok()
        .and_then(|promise| promise.dyn_into().ok())
        .ok_or_else(|| READ_FAILED.to_owned())?;
    let buffer = JsFuture::from(promise)
        .await
        .map_err(|_| READ_FAILED.to_owned())?;
    Ok(Some(ChosenFile {
        name,
        bytes: Uint8Array::new(&buffer).to_vec(),
    }))
}

/// Empties a file input, so choosing the same file again is a change.
pub fn clear_file_input(input: &JsValue) {
    let _ = Reflect::set(input, &"value".into(), &"".into());
}

/// How many data rows the file has (non-blank lines after the header), for the progress
/// line. A quoted field with a line break makes it a little high, which is fine for that.
pub fn data_rows(bytes: &[u8]) -> usize {
    bytes
        .split(|byte| *byte == b'\n')
        .filter(|line| line.iter().any(|byte| !byte.is_ascii_whitespace()))
        .count()
        .saturating_sub(1)
}

/// A count with thousands separators ("5,000"); the import's own words use it too.
pub use crate::client::with_separators;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_counted_without_the_header_or_blank_lines() {
        assert_eq!(data_rows(b"UPN,Surname\r\nA,B\r\nC,D\r\n\r\n"), 2);
        assert_eq!(data_rows(b""), 0);
    }

    #[test]
    fn counts_get_thousands_separators() {
        assert_eq!(with_separators(5), "5");
        assert_eq!(with_separators(5000), "5,000");
        assert_eq!(with_separators(1_234_567), "1,234,567");
    }
}
