//! The two encodings the server sends precompressed files in, at their smallest settings.
//! Used both to write dist's `.br`/`.gz` siblings and to measure the bundle, so the size
//! report shows what browsers actually download.

use anyhow::{Context, Result};
use std::io::Write;

/// Brotli at quality 11 with a 4 MiB window (lgwin 22).
pub fn brotli(data: &[u8]) -> Result<Vec<u8>> {
    let mut writer = brotli::CompressorWriter::new(Vec::new(), 64 * 1024, 11, 22);
    writer
        .write_all(data)
        .context("brotli compression failed")?;
    writer.flush().context("brotli compression failed")?;
    Ok(writer.into_inner())
}

/// Gzip at level 9.
pub fn gzip(data: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).context("gzip compression failed")?;
    encoder.finish().context("gzip compression failed")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn both_encodings_round_trip_and_shrink_repetitive_text() {
        let text = "<p>Progress Mentor</p>\n".repeat(200);

        let br = brotli(text.as_bytes()).unwrap();
        let mut unbrotlied = String::new();
        brotli::Decompressor::new(br.as_slice(), 4096)
            .read_to_string(&mut unbrotlied)
            .unwrap();
        assert_eq!(unbrotlied, text);
        assert!(br.len() < text.len() / 10);

        let gz = gzip(text.as_bytes()).unwrap();
        let mut gunzipped = String::new();
        flate2::read::GzDecoder::new(gz.as_slice())
            .read_to_string(&mut gunzipped)
            .unwrap();
        assert_eq!(gunzipped, text);
        assert!(gz.len() < text.len() / 10);
    }
}
