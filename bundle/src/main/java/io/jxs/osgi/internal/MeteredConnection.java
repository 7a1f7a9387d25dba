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
package io.jxs.osgi.internal;

import io.jxs.Op;
import io.jxs.Packet;
import io.jxs.connection.Connection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A connection that counts the requests it writes and times their replies, by request id, into
 * {@link Statistics}.
 */
final class MeteredConnection implements Connection {
    private final Connection delegate;
    private final Statistics statistics;
    private final Map<Integer, Long> sentAt = new ConcurrentHashMap<>();

    MeteredConnection(Connection delegate, Statistics statistics) {
        this.delegate = delegate;
        this.statistics = statistics;
    }

    @Override
    public void connect() {
        delegate.connect();
    }

    @Override
    public boolean isConnected() {
        return delegate.isConnected();
    }

    @Override
    public void write(Packet packet) {
        sentAt.put(packet.rqId(), System.nanoTime());
        statistics.requestSent();
        delegate.write(packet);
    }

    @Override
    public Packet read() {
        Packet packet = delegate.read();
        if (packet.op() != Op.WATCH_EVENT) {
            Long start = sentAt.remove(packet.rqId());
            if (start != null) {
                statistics.replyReceived(System.nanoTime() - start, packet.op() == Op.ERROR);
            }
        }
        return packet;
    }

    @Override
    public int maxPayload() {
        return delegate.maxPayload();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public void close() {
        sentAt.clear();
        delegate.close();
    }
}
