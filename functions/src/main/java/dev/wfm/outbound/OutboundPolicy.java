package dev.wfm.outbound;

import dev.wfm.common.Settings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which hosts outbound calls (web request steps, callUrl tasks) may reach: public addresses, and
 * inside ones only for the hosts an operator allows with the {@code OutboundAllowedHosts}
 * deployment parameter (function variable {@code OUTBOUND_ALLOWED_HOSTS}: host names and IP
 * literals, comma separated). A listed name allows whatever it resolves to; a listed IP allows
 * that address under any name. The check runs on the addresses the connection then uses (see
 * {@link OutboundHttp}), so a name cannot resolve one way for the check and another for the call.
 * The allowance is the deployment's, not an item admin's: an item is a tenant, and what lies
 * inside the deployment is not a tenant's to open.
 */
public final class OutboundPolicy {
    public static final String SETTING = "OUTBOUND_ALLOWED_HOSTS";
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final Set<String> allowedNames = new HashSet<>();
    private final Set<InetAddress> allowedAddresses = new HashSet<>();

    private OutboundPolicy(String allowed) {
        for (String entry : allowed.split(",")) {
            String host = normalised(entry);
            if (host.isEmpty()) {
                continue;
            }
            if (IP_LITERAL.matcher(host).matches()) {
                allowedAddresses.add(literal(host));
            } else {
                allowedNames.add(host);
            }
        }
    }

    /** Public addresses only, plus {@code allowed} (comma separated host names and IP literals). */
    public static OutboundPolicy allowing(String allowed) {
        return new OutboundPolicy(allowed == null ? "" : allowed);
    }

    public static OutboundPolicy fromEnvironment() {
        return allowing(Settings.optional(SETTING, ""));
    }

    /** Refuses {@code host} unless every address it resolved to may be called. */
    public void check(String host, InetAddress[] addresses) {
        if (allowedNames.contains(normalised(host))) {
            return;
        }
        for (InetAddress address : addresses) {
            AddressClass kind = AddressClass.of(address);
            if (kind != AddressClass.PUBLIC && !allowedAddresses.contains(address)) {
                String where = IP_LITERAL.matcher(normalised(host)).matches()
                        ? address.getHostAddress() + " is " + kind.description()
                        : "'" + host + "' resolves to " + address.getHostAddress() + ", " + kind.description();
                throw new OutboundRefusedException(where + "; outbound calls may not reach the inside of the deployment. "
                        + "Call a public address, or ask the operator to allow the host with the OutboundAllowedHosts deployment parameter.");
            }
        }
    }

    /** The policy refused a host; the message says which address and why. */
    public static final class OutboundRefusedException extends RuntimeException {
        OutboundRefusedException(String message) {
            super(message);
        }
    }

    private static String normalised(String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** An IP literal's address; the JDK parses literals without a lookup. */
    private static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(SETTING + " lists '" + ip + "', which is not an IP address", e);
        }
    }
}
