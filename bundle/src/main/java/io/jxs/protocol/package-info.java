/**
 * The protocol's encodings that the core shares and nobody else needs: NUL-separated payloads and the
 * errno numbers of the daemons' error words. Private to the bundle.
 */
package io.jxs.protocol;
