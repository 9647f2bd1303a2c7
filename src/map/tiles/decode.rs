//! Turning a tile's bytes into pixels without trusting them: the dimensions are read from the
//! image header before anything is decoded, the decoder gets allocation limits, and what is
//! drawn is never larger than [`TileLimits::max_texture_side`] (a GPU refuses textures larger
//! than its maximum side, and egui's painter panics on them).

use std::io::Cursor;

use image::{ImageReader, Limits};

use super::TileLimits;

/// Why a tile's bytes were not turned into an image. Sentences meant for a log line.
#[derive(Debug, thiserror::Error)]
pub enum TileRefused {
    /// Nothing to decode.
    #[error("the tile is empty")]
    Empty,
    /// Neither PNG nor JPEG (e.g. an HTML error page with status 200).
    #[error("the tile is not an image this app reads (PNG or JPEG)")]
    UnknownFormat,
    /// The header announces more pixels than a tile can have.
    #[error("the tile is {width}×{height} px; tiles are 256 or 512 px, at most {max} are accepted")]
    TooLarge {
        /// Width from the image header.
        width: u32,
        /// Height from the image header.
        height: u32,
        /// The largest side accepted.
        max: u32,
    },
    /// The image data is broken or exceeds the decoder's limits.
    #[error("the tile cannot be decoded: {0}")]
    Broken(#[from] image::ImageError),
}

/// Decodes a raster tile (PNG, or JPEG as far as the `image` build reads it) within `limits`.
/// A tile larger than [`TileLimits::max_texture_side`] but within
/// [`TileLimits::max_decoded_side`] (e.g. a 1024 px "@4x" tile) is scaled down; anything
/// larger, or with a zero side, is refused from its header alone, before any pixel is decoded.
pub fn decode_tile(bytes: &[u8], limits: &TileLimits) -> Result<egui::ColorImage, TileRefused> {
    if bytes.is_empty() {
        return Err(TileRefused::Empty);
    }
    let reader = || ImageReader::new(Cursor::new(bytes)).with_guessed_format();
    let probe = reader().map_err(|err| TileRefused::Broken(err.into()))?;
    if probe.format().is_none() {
        return Err(TileRefused::UnknownFormat);
    }
    let (width, height) = probe.into_dimensions()?;
    let max_side = limits.max_decoded_side;
    if width == 0 || height == 0 || width > max_side || height > max_side {
        return Err(TileRefused::TooLarge {
            width,
            height,
            max: max_side,
        });
    }

    let mut reader = reader().map_err(|err| TileRefused::Broken(err.into()))?;
    let mut decoder_limits = Limits::default();
    decoder_limits.max_image_width = Some(max_side);
    decoder_limits.max_image_height = Some(max_side);
    // RGBA at 16 bits per channel, twice over for the decoder's working buffers.
    decoder_limits.max_alloc = Some(u64::from(max_side) * u64::from(max_side) * 8 * 2);
    reader.limits(decoder_limits);
    let mut image = reader.decode()?;

    let texture_side = limits.max_texture_side.max(1);
    if image.width() > texture_side || image.height() > texture_side {
        image = image.thumbnail(texture_side, texture_side);
    }
    let rgba = image.to_rgba8();
    let size = [rgba.width() as usize, rgba.height() as usize];
    Ok(egui::ColorImage::from_rgba_unmultiplied(
        size,
        rgba.as_flat_samples().as_slice(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbaImage::from_pixel(width, height, image::Rgba([1, 2, 3, 255]));
        let mut png = Vec::new();
        image
            .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
            .expect("encode");
        png
    }

    #[test]
    fn a_standard_tile_is_decoded_as_it_is() {
        let limits = TileLimits::default();
        for side in [256, 512] {
            let image = decode_tile(&png(side, side), &limits).expect("decoded");
            assert_eq!(image.size, [side as usize, side as usize]);
        }
    }

    #[test]
    fn an_over_wide_tile_is_refused_from_its_header() {
        let err = decode_tile(&png(20_000, 1), &TileLimits::default()).expect_err("refused");
        assert!(
            matches!(err, TileRefused::TooLarge { width: 20_000, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("20000×1"), "{err}");
    }

    #[test]
    fn a_tile_between_texture_and_decode_limits_is_scaled_down() {
        let image = decode_tile(&png(1024, 1024), &TileLimits::default()).expect("decoded");
        assert_eq!(image.size, [512, 512]);
    }

    #[test]
    fn garbage_and_empty_bytes_are_refused() {
        let limits = TileLimits::default();
        assert!(matches!(decode_tile(b"", &limits), Err(TileRefused::Empty)));
        assert!(matches!(
            decode_tile(b"<html>rate limited</html>", &limits),
            Err(TileRefused::UnknownFormat)
        ));
        let mut truncated = png(256, 256);
        truncated.truncate(60);
        assert!(decode_tile(&truncated, &limits).is_err());
    }
}
