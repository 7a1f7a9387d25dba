package io.jxs.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadsTest {

    @Test
    void stringsAreEachNulTerminated() {
        assertArrayEquals("a\0bc\0".getBytes(), Payloads.strings("a", "bc"));
    }

    @Test
    void valueFollowsPathWithoutTerminator() {
        assertArrayEquals(new byte[] {'/', 'p', 0, 0, (byte) 0xff}, Payloads.pathAndValue("/p", new byte[] {0, (byte) 0xff}));
    }

    @Test
    void splitKeepsEmptyStringsAndToleratesMissingTerminator() {
        assertEquals(List.of("1", "a", ""), Payloads.split("1\0a\0\0".getBytes()));
        assertEquals(List.of("a", "b"), Payloads.split("a\0b".getBytes()));
        assertEquals(List.of(), Payloads.split(new byte[0]));
    }

    @Test
    void numbersAreParsedOrRefused() {
        assertEquals(12, Payloads.number("12\0".getBytes()));
        assertThrows(NumberFormatException.class, () -> Payloads.number("x\0".getBytes()));
    }
}
