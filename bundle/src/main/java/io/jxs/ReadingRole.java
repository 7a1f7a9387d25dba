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
 * Decides which thread reads the connection: the router's reader thread always, or, on a transport that
 * opts in ({@link io.jxs.connection.TimedReads}), a lone synchronous caller reading its own reply while
 * the reader thread lends it the connection ({@link LoneCallerReads}).
 *
 * <p>Invariant: one thread at a time reads; whenever a written request is unanswered or watch events may
 * come, some thread reads or is woken to.
 */
interface ReadingRole {
    /**
     * Records the router's reader thread, before it starts.
     *
     * @param reader the thread
     */
    void readerThread(Thread reader);

    /**
     * Reads on the caller's thread until its request is answered, its deadline passes or it is
     * interrupted, when the role allows it now; otherwise makes sure another thread reads.
     *
     * @param request a request the calling thread made and waits for, counted among the blocked callers
     * @return true when the caller read (whether or not the reply came); false when another thread reads it
     */
    boolean readOwnReply(Request<?> request);

    /** Makes sure some thread reads: wakes the reader thread when it lent the connection and nobody reads. */
    void needReader();

    /**
     * Told after a request was written, on the thread that wrote it.
     *
     * @param request the request
     */
    void written(Request<?> request);

    /**
     * Called by the reader thread when it has read everything received: lends the connection if nobody
     * needs the reader thread, and returns once it must read again.
     */
    void lendWhileIdle();

    /**
     * Takes the loss a caller reading its own reply found, if any.
     *
     * @return why the connection was lost, or null
     */
    ConnectionException takeLossFoundByCaller();

    /** The connection was opened again: a loss found on the one before does not count. */
    void reconnected();

    /**
     * Tells whether the current thread is a caller reading its own reply (then inside a callback of a
     * reply or event it dispatched).
     *
     * @return true on that thread
     */
    boolean callerReadsOnCurrentThread();

    /** The role of a transport whose reads cannot give up: the reader thread always reads. */
    ReadingRole READER_THREAD_ONLY = new ReadingRole() {
        @Override
        public void readerThread(Thread reader) {
        }

        @Override
        public boolean readOwnReply(Request<?> request) {
            return false;
        }

        @Override
        public void needReader() {
        }

        @Override
        public void written(Request<?> request) {
        }

        @Override
        public void lendWhileIdle() {
        }

        @Override
        public ConnectionException takeLossFoundByCaller() {
            return null;
        }

        @Override
        public void reconnected() {
        }

        @Override
        public boolean callerReadsOnCurrentThread() {
            return false;
        }
    };
}
