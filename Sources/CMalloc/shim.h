#ifndef UPTAKE_CMALLOC_SHIM_H
#define UPTAKE_CMALLOC_SHIM_H

/*
 * glibc's mallopt for Swift (its M_* parameters are macros, and <malloc.h> is
 * not in Swift's Glibc module). Only the uptake executable imports this module.
 */
#include <malloc.h>

/* Blocks of at least `bytes` are mapped on their own and given back to the
   kernel when freed; fixing the threshold also stops glibc from raising it
   (and the trim threshold) after the first large block is freed. Returns 1 on
   success, 0 when refused. */
static inline int uptake_set_mmap_threshold(int bytes) { return mallopt(M_MMAP_THRESHOLD, bytes); }

/* Free space of at least `bytes` at the top of a heap is given back to the
   kernel; fixing the mmap threshold leaves this at glibc's 128 KiB unless set. */
static inline int uptake_set_trim_threshold(int bytes) { return mallopt(M_TRIM_THRESHOLD, bytes); }

#endif
