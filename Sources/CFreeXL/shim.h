// Debian's FreeXL (libfreexl-dev): reads .xls (BIFF2–BIFF8) workbooks; used only by youxiang-xls-reader (the child process YouxiangIngest's XLSTableReader runs).
#include <freexl.h>
