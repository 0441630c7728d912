import sharp from 'sharp';

/** The page's poster thumbnail: 640 px wide WebP of the poster, however the poster was made. */
export async function writePosterThumbnail(options: { poster: string; thumbnail: string }): Promise<void> {
  await sharp(options.poster).resize({ width: 640 }).webp({ quality: 80 }).toFile(options.thumbnail);
}
