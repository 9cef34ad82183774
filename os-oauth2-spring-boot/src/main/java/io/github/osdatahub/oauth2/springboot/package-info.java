/**
 * os-oauth2 for Spring Boot 4: {@link io.github.osdatahub.oauth2.springboot.OsDataHubAutoConfiguration}
 * and the RestClient, RestTemplate and WebClient integrations it installs.
 */
package io.github.osdatahub.oauth2.springboot;
