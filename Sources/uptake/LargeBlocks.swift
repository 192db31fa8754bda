import CMalloc

/// Where glibc's malloc takes large blocks from (docs/DECISIONS.md, "Large blocks are mapped on their own").
enum LargeBlocks {
    /// At start: blocks of 1 MiB and more (a file's bytes, the loader's row arrays) are mapped on their own, so freeing
    /// one gives its memory back at once. glibc would otherwise raise its threshold after the first such block is freed
    /// and take later ones from its heap, where freed space is kept: on a million rows ordered by period that held the
    /// load's peak at 2.0x the file. The dashboard keeps this, so data replaced on a reload is given back.
    static func mapEachOnItsOwn() {
        _ = uptake_set_mmap_threshold(1 << 20)
    }

    /// After a report's data is loaded: blocks up to 32 MiB (glibc's own ceiling) come from the heap, and the heap's top
    /// is trimmed only past 64 MiB free, so the blocks a report makes and frees one after another reuse the same memory
    /// instead of each being mapped (or the heap grown), faulted in and given back: with the 1 MiB threshold kept,
    /// `--format json` on a million rows spent 1.1 s in the kernel instead of 0.4 s and took about a quarter longer.
    static func reuseForOutput() {
        _ = uptake_set_mmap_threshold(32 << 20)
        _ = uptake_set_trim_threshold(64 << 20)
    }
}
