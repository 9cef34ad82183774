/** Discovery registration of the Jackson 3 codec; not part of the API. */
package io.github.osdatahub.oauth2.jackson3.internal;
