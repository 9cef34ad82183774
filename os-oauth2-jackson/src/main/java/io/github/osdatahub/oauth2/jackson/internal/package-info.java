/** Discovery registration of the Jackson codec; not part of the API. */
package io.github.osdatahub.oauth2.jackson.internal;
