/** Discovery registration of the Gson codec; not part of the API. */
package io.github.osdatahub.oauth2.gson.internal;
