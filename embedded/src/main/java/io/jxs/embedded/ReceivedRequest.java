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
package io.jxs.embedded;

/**
 * One complete request as read from a client's connection: header fields and payload (at most {@link
 * Wire#PAYLOAD_MAX} bytes).
 *
 * @param type    the message type
 * @param reqId   the request id, echoed in the reply
 * @param txId    the transaction id, 0 for none
 * @param payload the payload bytes
 */
record ReceivedRequest(int type, int reqId, int txId, byte[] payload) {
}
