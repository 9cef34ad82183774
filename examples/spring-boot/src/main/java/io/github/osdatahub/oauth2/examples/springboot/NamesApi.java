package io.github.osdatahub.oauth2.examples.springboot;

import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/** OS Names as an {@code @HttpExchange} client of group {@code os}; the starter puts the token on its requests. */
@HttpExchange("/search/names/v1")
public interface NamesApi {
  @GetExchange("/find")
  String find(@RequestParam("query") String query);
}
