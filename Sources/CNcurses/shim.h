#ifndef UPTAKE_CNCURSES_SHIM_H
#define UPTAKE_CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>
#endif
