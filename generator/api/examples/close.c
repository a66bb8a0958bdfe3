struct nbd_handle *nbd;
int ret = EXIT_FAILURE;

nbd = nbd_create ();
if (nbd == NULL)
  goto out;
if (nbd_connect_unix (nbd, "/tmp/nbd.sock") == -1)
  goto out;
// ... issue commands ...
if (nbd_shutdown (nbd, 0) == -1)
  goto out;
ret = EXIT_SUCCESS;

out:
if (ret != EXIT_SUCCESS)
  warnx ("%s", nbd_get_error ());  // read it before nbd_close
nbd_close (nbd);                   // safe even if nbd is NULL
return ret;
