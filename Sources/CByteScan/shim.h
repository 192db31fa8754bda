#ifndef UPTAKE_CBYTESCAN_SHIM_H
#define UPTAKE_CBYTESCAN_SHIM_H

/*
 * Vector comparisons of sixteen bytes as bit masks: the CSV reader's search of a field's end, and the text
 * reports' scans of a cell for what Markdown escapes and of a document for what a terminal must not get
 * (docs/DECISIONS.md, "The CSV reader's search sixteen bytes at a time"). Header only: nothing is linked. Swift
 * has no portable way to turn a vector comparison into a bit mask, which is what makes sixteen bytes a step
 * cheaper than two eight-byte words.
 */
#include <stdint.h>

/* Asks the processor to start loading the cache line at p (a hint: it never faults, whatever p is). The row loop's
   look-ups of a new series' slots, one record ahead (UptakeFileLoader.State.accept). */
static inline void uptake_prefetch(const void *p) { __builtin_prefetch(p); }

#if defined(__SSE2__)
#include <emmintrin.h>

/* Bit i is set when byte i of the 16 at p (no alignment needed) is a or b. */
static inline uint32_t uptake_match2_16(const uint8_t *p, uint8_t a, uint8_t b) {
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    __m128i hits = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)a)), _mm_cmpeq_epi8(v, _mm_set1_epi8((char)b)));
    return (uint32_t)_mm_movemask_epi8(hits);
}
/* Bit 0 set when some byte of the 16 at p is not printable ASCII (below 0x20, 0x7F, or 0x80 and above); bit 1 when
   some byte is one Markdown escapes: \ ` * _ [ ] < > | ~ (ByteScan.Classes in Swift). */
static inline uint32_t uptake_classes16(const uint8_t *p) {
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    /* Signed: 0x80 and above are negative, so below 0x20 as well. */
    __m128i odd = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
    __m128i md = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')), _mm_cmpeq_epi8(v, _mm_set1_epi8('`'))),
                              _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('*')), _mm_cmpeq_epi8(v, _mm_set1_epi8('_'))));
    md = _mm_or_si128(md, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('[')), _mm_cmpeq_epi8(v, _mm_set1_epi8(']'))));
    md = _mm_or_si128(md, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('<')), _mm_cmpeq_epi8(v, _mm_set1_epi8('>'))));
    md = _mm_or_si128(md, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('|')), _mm_cmpeq_epi8(v, _mm_set1_epi8('~'))));
    return (_mm_movemask_epi8(odd) != 0 ? 1u : 0u) | (_mm_movemask_epi8(md) != 0 ? 2u : 0u);
}

/* Nonzero when some byte of the 16 at p is one the JSON writer may have to escape (JSONWriter.mayNeedEscaping): a C0
   control (0x00-0x1F), a quote, a backslash, DEL, or the lead byte of a C1 control (0xC2) or of a line or paragraph
   separator (0xE2). */
static inline uint32_t uptake_json_escape16(const uint8_t *p) {
    const __m128i v = _mm_loadu_si128((const __m128i *)p);
    /* 0x00-0x1F: below 0x20 and not negative as signed bytes. */
    __m128i hits = _mm_and_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)), _mm_cmpgt_epi8(v, _mm_set1_epi8(-1)));
    hits = _mm_or_si128(hits, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
    hits = _mm_or_si128(hits, _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
    hits = _mm_or_si128(hits, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC2)), _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE2))));
    return (uint32_t)_mm_movemask_epi8(hits);
}

/* Nonzero when some byte of the 16 at p may begin a scalar that is unsafe on a terminal; reads p[0] to p[17] (the two
   bytes after a lead decide it). Unsafe, as TerminalText's exact check decodes them: a C0 control other than line
   feed, DEL, 0xC2 before 0x00-0x9F (C1 controls), 0xD8 0x9C (U+061C), and 0xE2 before a byte whose low six bits are
   0 or 1, the next one's then deciding U+200E-U+200F, U+2028-U+202E and U+2066-U+2069; flagged here: 0xE2 with any
   such pair after it that could be one of them (all of U+2040-U+207F, a superset), so em dashes, arrows, the ± and
   £ signs pass. A flagged chunk is then read byte by byte by the exact check. */
static inline uint32_t uptake_risky16(const uint8_t *p) {
    const __m128i v = _mm_loadu_si128((const __m128i *)p);
    /* Most of a report is printable ASCII and line feeds: 0x20-0x7E are above 0x1F and below 0x7F as signed bytes. */
    __m128i plain = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x1F)), _mm_cmplt_epi8(v, _mm_set1_epi8(0x7F)));
    plain = _mm_or_si128(plain, _mm_cmpeq_epi8(v, _mm_set1_epi8(0x0A)));
    if (_mm_movemask_epi8(plain) == 0xFFFF) return 0;
    const __m128i v1 = _mm_loadu_si128((const __m128i *)(p + 1));
    const __m128i v2 = _mm_loadu_si128((const __m128i *)(p + 2));
    const __m128i low6 = _mm_set1_epi8(0x3F);
    /* 0x00-0x1F: below 0x20 and not negative (signed), line feed excepted; DEL. */
    __m128i bad = _mm_and_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)), _mm_cmpgt_epi8(v, _mm_set1_epi8(-1)));
    bad = _mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x0A)), bad);
    bad = _mm_or_si128(bad, _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
    /* 0xC2 before 0x00-0x9F: the next byte not negative, or below -96 (0xA0) as a signed byte. */
    __m128i upTo9F = _mm_or_si128(_mm_cmpgt_epi8(v1, _mm_set1_epi8(-1)), _mm_cmplt_epi8(v1, _mm_set1_epi8(-96)));
    bad = _mm_or_si128(bad, _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC2)), upTo9F));
    /* 0xD8 0x9C. */
    bad = _mm_or_si128(bad, _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xD8)), _mm_cmpeq_epi8(v1, _mm_set1_epi8((char)0x9C))));
    /* 0xE2: the next byte's low six bits 1 (U+2040-U+207F), or 0 with the one after's 0x0E-0x0F or 0x28-0x2E. */
    __m128i m1 = _mm_and_si128(v1, low6), m2 = _mm_and_si128(v2, low6);
    __m128i third = _mm_or_si128(_mm_cmpeq_epi8(_mm_and_si128(m2, _mm_set1_epi8(0x3E)), _mm_set1_epi8(0x0E)),
                                 _mm_and_si128(_mm_cmpgt_epi8(m2, _mm_set1_epi8(0x27)), _mm_cmplt_epi8(m2, _mm_set1_epi8(0x2F))));
    __m128i e2Pair = _mm_or_si128(_mm_cmpeq_epi8(m1, _mm_set1_epi8(0x01)), _mm_and_si128(_mm_cmpeq_epi8(m1, _mm_setzero_si128()), third));
    bad = _mm_or_si128(bad, _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE2)), e2Pair));
    return (uint32_t)_mm_movemask_epi8(bad);
}
#else
static inline int uptake_markdown_special(uint8_t c) {
    return c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' || c == '<' || c == '>' || c == '|' || c == '~';
}

static inline uint32_t uptake_classes16(const uint8_t *p) {
    uint32_t bits = 0;
    for (int i = 0; i < 16; i++) {
        if (p[i] < 0x20 || p[i] >= 0x7F) bits |= 1u;
        if (uptake_markdown_special(p[i])) bits |= 2u;
    }
    return bits;
}

static inline uint32_t uptake_risky16(const uint8_t *p) {
    uint32_t mask = 0;
    for (int i = 0; i < 16; i++) {
        uint8_t c = p[i], n1 = p[i + 1], n2 = p[i + 2];
        int bad = (c < 0x20 && c != 0x0A) || c == 0x7F || (c == 0xC2 && n1 <= 0x9F) || (c == 0xD8 && n1 == 0x9C)
            || (c == 0xE2 && ((n1 & 0x3F) == 1 || ((n1 & 0x3F) == 0 && ((n2 & 0x3E) == 0x0E || ((n2 & 0x3F) >= 0x28 && (n2 & 0x3F) <= 0x2E)))));
        if (bad) mask |= 1u << i;
    }
    return mask;
}

static inline uint32_t uptake_json_escape16(const uint8_t *p) {
    uint32_t mask = 0;
    for (int i = 0; i < 16; i++) {
        uint8_t c = p[i];
        mask |= (uint32_t)(c < 0x20 || c == '"' || c == '\\' || c == 0x7F || c == 0xC2 || c == 0xE2) << i;
    }
    return mask;
}

/* The same, a byte at a time, where SSE2 is not available. */
static inline uint32_t uptake_match2_16(const uint8_t *p, uint8_t a, uint8_t b) {
    uint32_t mask = 0;
    for (int i = 0; i < 16; i++) mask |= (uint32_t)(p[i] == a || p[i] == b) << i;
    return mask;
}
#endif

#endif
