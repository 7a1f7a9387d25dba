/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
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
