package io.github.camelaliyun.vod.aijob.stats;

import io.github.camelaliyun.vod.aijob.client.CredentialsProvider;
import io.github.camelaliyun.vod.aijob.client.credentials.DefaultCredentialsChain;
import io.github.camelaliyun.vod.aijob.client.credentials.RefreshingCredentialsProvider;

/**
 * Names a credentials provider for operators: where the credentials come from, never what they are (no key id, no
 * secret, no token). A provider of the application's own is named by its class, not by {@code toString()}, which
 * might print its keys.
 */
public final class CredentialsNames {

    /** The name of fixed keys given as endpoint or component options. */
    public static final String KEY_OPTIONS = "accessKeyId/secretKey options";

    private CredentialsNames() {
    }

    public static String nameOf(CredentialsProvider provider) {
        if (provider instanceof DefaultCredentialsChain chain) {
            String chosen = chain.providerName();
            return "default credentials chain: " + (chosen != null ? chosen : "no provider chosen yet");
        }
        if (provider instanceof RefreshingCredentialsProvider refreshing) {
            return refreshing.name();
        }
        Class<?> type = provider.getClass();
        return "credentialsProvider " + (type.isSynthetic() || type.isAnonymousClass() ? type.getName() : type.getSimpleName());
    }
}
