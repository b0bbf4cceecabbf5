"""What every Harbour API view shares: the base view (``views``), authentication, throttling,
pagination, the one error shape (``exceptions``), schema hooks, the response cache, the
middleware, the URL builder (``links``) and the /api/v1/ router (``urls``, ``index``,
``routes``)."""
