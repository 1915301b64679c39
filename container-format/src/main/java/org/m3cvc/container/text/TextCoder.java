package org.m3cvc.container.text;

/** text_coder (spec clause 6.3, table text_coder): how text_data codes the UTF-8 bytes of a text. */
public enum TextCoder {
    /** text_data is the UTF-8 bytes themselves. */
    RAW(0, "raw"),
    /** text_data is the LZW code stream of clause 8.2. */
    LZW(1, "lzw"),
    /** text_data is the order-2 static context range code of clause 8.7. */
    ORDER2(2, "order2");

    private final int code;
    private final String specName;

    TextCoder(int code, String specName) {
        this.code = code;
        this.specName = specName;
    }

    public int code() { return code; }

    public String specName() { return specName; }

    public static TextCoder fromCode(int code) {
        for (TextCoder c : values()) if (c.code == code) return c;
        return null;
    }
}
