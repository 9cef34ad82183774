package io.github.osdatahub.oauth2.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The raster tile is a real PNG, decodable by an image library that is not ours. */
class RasterTileTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  @Test
  void servesARealPngTile() throws IOException, InterruptedException {
    try (FakeOsDataHub hub = FakeOsDataHub.start()) {
      String token = RawHttp.fetchToken(hub);
      HttpResponse<byte[]> response = RawHttp.CLIENT.send(
          HttpRequest.newBuilder(hub.rasterTileUri("Road_3857", 7, 63, 42))
              .header("Authorization", "Bearer " + token).build(),
          HttpResponse.BodyHandlers.ofByteArray());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).contains("image/png");
      byte[] png = response.body();
      assertThat(Arrays.copyOf(png, 8)).isEqualTo(PNG_SIGNATURE);
      assertThat(png.length).isLessThan(2048);
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(image).isNotNull();
      assertThat(image.getWidth()).isEqualTo(256);
      assertThat(image.getHeight()).isEqualTo(256);
      assertThat(hub.apiRequestCount()).isEqualTo(1);
    }
  }
}
