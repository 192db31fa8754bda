#ifndef UPTAKE_CBYTESCAN_SHIM_H
#define UPTAKE_CBYTESCAN_SHIM_H

/*
 * One vector comparison for the CSV reader's search of a field's end (docs/DECISIONS.md, "The CSV reader's
 * search sixteen bytes at a time"). Header only: nothing is linked. Swift has no portable way to turn a vector
 * comparison into a bit mask, which is what makes sixteen bytes a step cheaper than two eight-byte words.
 */
#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>

/* Bit i is set when byte i of the 16 at p (no alignment needed) is a or b. */
static inline uint32_t uptake_match2_16(const uint8_t *p, uint8_t a, uint8_t b) {
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    __m128i hits = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)a)), _mm_cmpeq_epi8(v, _mm_set1_epi8((char)b)));
    return (uint32_t)_mm_movemask_epi8(hits);
}
#else
/* The same, a byte at a time, where SSE2 is not available. */
static inline uint32_t uptake_match2_16(const uint8_t *p, uint8_t a, uint8_t b) {
    uint32_t mask = 0;
    for (int i = 0; i < 16; i++) mask |= (uint32_t)(p[i] == a || p[i] == b) << i;
    return mask;
}
#endif

#endif
