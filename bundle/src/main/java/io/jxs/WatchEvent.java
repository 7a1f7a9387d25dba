package io.jxs;

/**
 * A fired watch: the path of the node that changed (or the special path {@code @introduceDomain} or
 * {@code @releaseDomain}) and the token the watch was registered with.
 *
 * @param path the changed node, relative if the watch was registered with a relative path
 * @param token the watch's token
 */
public record WatchEvent(String path, String token) {
}
