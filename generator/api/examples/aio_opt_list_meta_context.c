    #include <stdio.h>
    #include <stdlib.h>
    #include <stdbool.h>
    #include <string.h>
    #include <err.h>
    #include <libnbd.h>

    struct listing {
      int count;                  // replies seen so far
      bool done;                  // completion callback has run
      int err;                    // its error value
    };

    static int
    one_context (void *user_data, const char *name)
    {
      struct listing *l = user_data;

      printf ("context %d: ", ++l->count);
      puts (name);                // copy name if you need it later
      return 0;
    }

    static int
    finished (void *user_data, int *error)
    {
      struct listing *l = user_data;

      l->done = true;
      l->err = *error;            // the only sign of a server refusal
      return 0;                   // ignored: nothing to retire
    }

    int
    main (int argc, char *argv[])
    {
      struct listing l = { 0 };
      struct nbd_handle *nbd;

      if (argc != 2)
        errx (EXIT_FAILURE, "usage: %s URI", argv[0]);
      nbd = nbd_create ();
      if (nbd == NULL)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());
      if (nbd_set_opt_mode (nbd, true) == -1 ||
          nbd_aio_connect_uri (nbd, argv[1]) == -1)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());
      while (!nbd_aio_is_negotiating (nbd))
        if (nbd_poll (nbd, -1) == -1)
          errx (EXIT_FAILURE, "%s", nbd_get_error ());

      // No nbd_add_meta_context calls: the query list is empty,
      // so the server is asked for everything it has.
      if (nbd_aio_opt_list_meta_context (nbd,
            (nbd_context_callback) {
              .callback = one_context, .user_data = &l },
            (nbd_completion_callback) {
              .callback = finished, .user_data = &l }) == -1)
        errx (EXIT_FAILURE, "%s", nbd_get_error ());
      while (!l.done)
        if (nbd_poll (nbd, -1) == -1)
          errx (EXIT_FAILURE, "%s", nbd_get_error ());
      if (l.err != 0)
        warnx ("listing failed: %s", strerror (l.err));

      nbd_opt_abort (nbd);        // leave without using an export
      nbd_close (nbd);
      return l.err == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
    }
