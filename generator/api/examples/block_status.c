    #include <stdio.h>
    #include <stdlib.h>
    #include <string.h>
    #include <inttypes.h>
    #include <err.h>
    #include <libnbd.h>

    #define STEP (64 << 20)       // ask about 64 MiB at a time

    static int
    show (void *user_data, const char *metacontext, uint64_t offset,
          uint32_t *entries, size_t nr_entries, int *error)
    {
      uint64_t *next = user_data;
      size_t i;

      (void) error;
      // A buggy server could send something unexpected.
      if (strcmp (metacontext, LIBNBD_CONTEXT_BASE_ALLOCATION) != 0)
        return 0;
      for (i = 0; i + 1 < nr_entries; i += 2) {
        printf ("%" PRIu64 " len %" PRIu32 ":", offset, entries[i]);
        if (entries[i + 1] & LIBNBD_STATE_HOLE)
          printf (" hole");
        puts (entries[i + 1] & LIBNBD_STATE_ZERO ? " zero" : " data");
        offset += entries[i];
      }
      *next = offset;             // where the next query should start
      return 0;
    }

    int
    main (int argc, char *argv[])
    {
      uint64_t pos = 0, next, len;
      int64_t size;
      struct nbd_handle *nbd;

      if (argc != 2)
        errx (EXIT_FAILURE, "usage: %s URI", argv[0]);
      nbd = nbd_create ();
      if (nbd == NULL)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());
      if (nbd_add_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) == -1
          || nbd_connect_uri (nbd, argv[1]) == -1)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());
      if (nbd_can_meta_context (nbd, LIBNBD_CONTEXT_BASE_ALLOCATION) != 1)
        errx (EXIT_FAILURE, "server offers no base:allocation");
      size = nbd_get_size (nbd);
      if (size == -1)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());

      while (pos < (uint64_t) size) {
        len = (uint64_t) size - pos < STEP ? (uint64_t) size - pos : STEP;
        next = pos;
        if (nbd_block_status (nbd, len, pos,
                              (nbd_extent_callback) {
                                .callback = show, .user_data = &next },
                              0) == -1)
          errx (EXIT_FAILURE, "%s", nbd_get_error ());
        if (next <= pos)
          errx (EXIT_FAILURE, "server reported no progress");
        pos = next;
      }

      nbd_shutdown (nbd, 0);
      nbd_close (nbd);
      return EXIT_SUCCESS;
    }
