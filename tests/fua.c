#include <stdio.h>
#include <libnbd.h>
int main(int c, char **v) { (void)c; struct nbd_handle *h = nbd_create(); nbd_connect_unix(h, v[1]); char b[4096] = {0};
 int fua = nbd_can_fua(h); int r = nbd_pwrite(h, b, 4096, 0, LIBNBD_CMD_FLAG_FUA); printf("can_fua %d r %d %s\n", fua, r, nbd_get_error()); nbd_close(h); return 0; }
