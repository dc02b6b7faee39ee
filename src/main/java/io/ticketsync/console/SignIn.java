package io.ticketsync.console;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * How people sign in: its own pages (the sign-in page, a provider's callback) are answered before
 * any session is looked for; it opens sessions and says where a browser goes once signed out.
 */
interface SignIn {

    boolean owns(String path);

    boolean answer(String path, boolean post, Request request, Response response, Callback callback, Fields fields,
                   ClientView client) throws Exception;

    /** Ends the session (audited) and returns where the browser goes next. */
    String signOut(Session session);
}
