// Debian's FreeXL (libfreexl-dev): reads .xls (BIFF2–BIFF8) workbooks; used by YouxiangIngest's XLSTableReader.
#include <freexl.h>
