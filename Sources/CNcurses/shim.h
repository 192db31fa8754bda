#ifndef UPTAKE_CNCURSES_SHIM_H
#define UPTAKE_CNCURSES_SHIM_H

/*
 * ncursesw for Swift 6. Only UptakeTerminal imports this module.
 *
 * - NCURSES_WIDECHAR must be defined here, before curses.h: a define in
 *   cSettings is not seen when Swift imports the header.
 * - Bit macros (A_*), function-like macros (mouse masks, KEY_F) and global
 *   variables (stdscr, COLORS, stdin/stdout) do not import into Swift 6, or are
 *   rejected as not concurrency-safe; each gets a static inline accessor below.
 *   Never hard-code their values on the Swift side.
 */
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <sys/ioctl.h>

/* From <term.h>, declared here so its lower-case capability macros
   (lines, columns, bell, ...) do not leak into the Swift module. */
struct term;
extern struct term *set_curterm(struct term *);
extern int del_curterm(struct term *);
extern int setupterm(const char *, int, int *);

/* Globals that Swift 6 rejects as not concurrency-safe. */
static inline WINDOW *uptake_stdscr(void) { return stdscr; }
static inline WINDOW *uptake_curscr(void) { return curscr; }
static inline int uptake_COLORS(void) { return COLORS; }
static inline int uptake_COLOR_PAIRS(void) { return COLOR_PAIRS; }
static inline FILE *uptake_stdin(void) { return stdin; }
static inline FILE *uptake_stdout(void) { return stdout; }

/* Attributes (bit macros). */
static inline attr_t uptake_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t uptake_A_BOLD(void) { return A_BOLD; }
static inline attr_t uptake_A_DIM(void) { return A_DIM; }
static inline attr_t uptake_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t uptake_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t uptake_A_ITALIC(void) { return A_ITALIC; }

/* Mouse masks (function-like macros). */
static inline mmask_t uptake_BUTTON1_PRESSED(void) { return BUTTON1_PRESSED; }
static inline mmask_t uptake_BUTTON1_CLICKED(void) { return BUTTON1_CLICKED; }
static inline mmask_t uptake_BUTTON4_PRESSED(void) { return BUTTON4_PRESSED; }
static inline mmask_t uptake_BUTTON5_PRESSED(void) { return BUTTON5_PRESSED; }

/* Key codes that are function-like macros. */
static inline int uptake_KEY_F(int n) { return KEY_F(n); }

/* The terminal's size from the kernel (ioctl is variadic, so Swift cannot call it): 0 on success. */
static inline int uptake_window_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

/* Display columns of one character (glibc hides wcwidth without _XOPEN_SOURCE). */
static inline int uptake_wcwidth(wchar_t c) { return wcwidth(c); }

/* The locale's character set name, e.g. "UTF-8" or "ANSI_X3.4-1968". */
static inline const char *uptake_codeset(void) { return nl_langinfo(CODESET); }

/*
 * Looks TERM up in terminfo without starting curses and without exiting.
 * Returns setupterm's error code: 1 found, 0 not found or hard-copy,
 * -1 no terminfo database. The probe terminal is freed again and whatever
 * terminal was current before is restored.
 */
static inline int uptake_terminfo_lookup(const char *term) {
    int err = 0;
    struct term *saved = set_curterm((struct term *)0);
    if (setupterm(term, 1, &err) == OK) {
        struct term *probe = set_curterm(saved);
        del_curterm(probe);
        return 1;
    }
    set_curterm(saved);
    return err == 1 ? 0 : err;
}

#endif
