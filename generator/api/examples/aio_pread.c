    #include <stdio.h>
    #include <stdlib.h>
    #include <string.h>
    #include <inttypes.h>
    #include <err.h>
    #include <libnbd.h>

    #define NREQ 8
    #define REQSIZE 4096

    struct request {
      uint64_t offset;
      char buf[REQSIZE];          // must outlive the command
      int err;                    // -1 until the command completes
    };

    static int
    read_done (void *user_data, int *error)
    {
      struct request *r = user_data;

      r->err = *error;            // buf is valid only if this is 0
      return 1;                   // retire the command automatically
    }

    int
    main (int argc, char *argv[])
    {
      static struct request reqs[NREQ];
      struct nbd_handle *nbd;
      uint64_t off = 0;
      size_t i;

      if (argc != 2)
        errx (EXIT_FAILURE, "usage: %s URI", argv[0]);
      nbd = nbd_create ();
      if (nbd == NULL || nbd_aio_connect_uri (nbd, argv[1]) == -1)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());
      while (!nbd_aio_is_ready (nbd))
        if (nbd_poll (nbd, -1) == -1)
          errx (EXIT_FAILURE, "%s", nbd_get_error ());
      if (nbd_get_size (nbd) < (int64_t) NREQ * REQSIZE)
        errx (EXIT_FAILURE, "export too small");

      for (i = 0; i < NREQ; i++, off += REQSIZE) {
        reqs[i].offset = off;
        reqs[i].err = -1;
        if (nbd_aio_pread (nbd, reqs[i].buf, REQSIZE, off,
                           (nbd_completion_callback) {
                             .callback = read_done,
                             .user_data = &reqs[i] },
                           0) == -1)
          errx (EXIT_FAILURE, "%s", nbd_get_error ());
      }

      // Callbacks run from inside nbd_poll.
      while (nbd_aio_in_flight (nbd) > 0)
        if (nbd_poll (nbd, -1) == -1)
          errx (EXIT_FAILURE, "%s", nbd_get_error ());

      for (i = 0; i < NREQ; i++) {
        char line[80];

        if (reqs[i].err != 0) {
          warnx ("read at %" PRIu64 ": %s", reqs[i].offset,
                 strerror (reqs[i].err));
          continue;
        }
        snprintf (line, sizeof line, "%" PRIu64 ": first byte 0x%02x",
                  reqs[i].offset, (unsigned char) reqs[i].buf[0]);
        puts (line);
      }

      nbd_shutdown (nbd, 0);
      nbd_close (nbd);
      return EXIT_SUCCESS;
    }
