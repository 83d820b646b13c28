package io.huvr.codec.image;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The square tiles an image is coded in: {@code ceil(width / tile) x ceil(height / tile)} of them in
 * raster order, the image padded by repeating its last row and column.
 */
public record TileGrid(int width, int height, int tile) {

    public TileGrid {
        if (width <= 0 || height <= 0 || tile <= 0) {
            throw new IllegalArgumentException("empty image or tile: " + width + "x" + height + ", tile " + tile);
        }
    }

    public int tilesX() {
        return (width + tile - 1) / tile;
    }

    public int tilesY() {
        return (height + tile - 1) / tile;
    }

    public int count() {
        return tilesX() * tilesY();
    }

    /** Tiles {@code from .. from + n - 1} as {@code [n, 3, tile, tile]} in the model's range [-1, 1]. */
    public INDArray tiles(int[] rgbPixels, int from, int n) {
        int plane = tile * tile;
        float[] data = new float[n * 3 * plane];
        for (int i = 0; i < n; i++) {
            int tx = (from + i) % tilesX();
            int ty = (from + i) / tilesX();
            int base = i * 3 * plane;
            for (int r = 0; r < tile; r++) {
                int y = Math.min(ty * tile + r, height - 1);
                for (int c = 0; c < tile; c++) {
                    int x = Math.min(tx * tile + c, width - 1);
                    int rgb = rgbPixels[y * width + x];
                    int o = base + r * tile + c;
                    data[o] = Images.toModel((rgb >> 16) & 0xff);
                    data[o + plane] = Images.toModel((rgb >> 8) & 0xff);
                    data[o + 2 * plane] = Images.toModel(rgb & 0xff);
                }
            }
        }
        return Nd4j.create(data, new long[] {n, 3, tile, tile}, 'c');
    }
}
