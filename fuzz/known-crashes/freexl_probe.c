/* freexl_probe: opens an .xls with FreeXL (no Swift involved) and prints each of the first two sheets' dimensions.
 * Shows that a crash found by fuzz/run xls is FreeXL's own: gcc freexl_probe.c -lfreexl -o probe && ./probe FILE.xls */
#include <freexl.h>
#include <stdio.h>
int main(int c, char**v){ const void*h; int r=freexl_open(v[1],&h); printf("open %d\n",r); if(r) return 0;
 unsigned int n; freexl_get_info(h,FREEXL_BIFF_SHEET_COUNT,&n); printf("sheets %u\n",n);
 for(unsigned i=0;i<n&&i<2;i++){ if(freexl_select_active_worksheet(h,i)) {printf("sel fail %u\n",i);continue;} unsigned int rows; unsigned short cols; int d=freexl_worksheet_dimensions(h,&rows,&cols); printf("sheet %u dims %d rows=%u cols=%u\n",i,d,rows,cols);} freexl_close(h);}
