package org.nativeipc.internal.posix;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.TreeSet;

import jnr.constants.platform.AddressFamily;
import jnr.ffi.byref.IntByReference;

/**
 * Finds the descriptor behind a JDK TCP channel, which the JDK keeps to itself (reading it
 * would need {@code --add-opens java.base/sun.nio.ch}): among this process's open descriptors
 * (listed in {@code /dev/fd}), the socket whose {@code getsockname} is the channel's local
 * address and whose {@code getpeername} is its remote address — or, for a listening
 * {@link ServerSocketChannel}, that has no peer. A TCP connection is unique by its two
 * addresses, and a listening socket by its address (unless another one shares it through
 * {@code SO_REUSEPORT}: then either serves).
 *
 * <p>Only TCP channels: a Unix-domain server's accepted sockets all have the same addresses.
 */
public final class SocketDescriptors {
    private static final Path OPEN_DESCRIPTORS = Path.of("/dev/fd");
    /** Room for any socket address ({@code struct sockaddr_storage} is 128 bytes). */
    private static final int ADDRESS_BYTES = 128;
    private static final int PORT_OFFSET = 2;
    private static final int IPV4_OFFSET = 4;
    private static final int IPV4_BYTES = 4;
    private static final int IPV6_OFFSET = 8;
    private static final int IPV6_BYTES = 16;
    private static final int AF_INET = AddressFamily.AF_INET.intValue();
    private static final int AF_INET6 = AddressFamily.AF_INET6.intValue();

    private SocketDescriptors() {
    }

    /**
     * The descriptor of {@code channel} in this process.
     *
     * @param channel an open, bound {@link ServerSocketChannel} or a connected {@link SocketChannel}
     * @return its descriptor
     * @throws IllegalArgumentException if it is another kind of channel, not TCP, closed,
     *     unbound or unconnected, or if no descriptor of this process matches it
     */
    public static int of(Channel channel) {
        Objects.requireNonNull(channel, "channel");
        SocketAddress local;
        SocketAddress remote;
        try {
            if (channel instanceof ServerSocketChannel server) {
                local = server.getLocalAddress();
                remote = null;
            } else if (channel instanceof SocketChannel socket) {
                local = socket.getLocalAddress();
                remote = socket.getRemoteAddress();
                if (remote == null) {
                    throw new IllegalArgumentException(channel + " is not connected: pass a connected SocketChannel,"
                            + " such as one that ServerSocketChannel.accept() returned");
                }
            } else {
                throw new IllegalArgumentException(channel.getClass().getName() + " cannot be passed on: pass a"
                        + " ServerSocketChannel or a SocketChannel over TCP");
            }
        } catch (IOException closed) {
            throw new IllegalArgumentException(channel + " is closed: pass an open channel", closed);
        }
        if (!(local instanceof InetSocketAddress)) {
            throw new IllegalArgumentException(channel + (local == null ? " is not bound: bind it first"
                    : " is not a TCP socket (its address is " + local + "): pass a ServerSocketChannel or a SocketChannel over TCP"));
        }
        for (int fd : openDescriptors()) {
            if (sameAddress(local, address(fd, false)) && (remote == null
                    ? address(fd, true) == null : sameAddress(remote, address(fd, true)))) {
                return fd;
            }
        }
        throw new IllegalArgumentException("no descriptor of this process is the socket of " + channel
                + " (local " + local + (remote == null ? "" : ", remote " + remote) + "): pass a channel of this JVM that is open");
    }

    private static Iterable<Integer> openDescriptors() {
        TreeSet<Integer> fds = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(OPEN_DESCRIPTORS)) {
            for (Path entry : entries) {
                try {
                    fds.add(Integer.parseInt(entry.getFileName().toString()));
                } catch (NumberFormatException notADescriptor) {
                    // "." and the like
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list this process's descriptors in " + OPEN_DESCRIPTORS
                    + ": " + e.getMessage() + "; passing a socket needs /dev/fd", e);
        }
        return fds;
    }

    /** The local (or, if {@code peer}, the remote) IP address of {@code fd}; null if it has none or is no IP socket. */
    private static InetSocketAddress address(int fd, boolean peer) {
        byte[] raw = new byte[ADDRESS_BYTES];
        IntByReference length = new IntByReference(raw.length);
        LibC libc = Posix.libc();
        int rc = peer ? libc.getpeername(fd, raw, length) : libc.getsockname(fd, raw, length);
        if (rc != 0) {
            return null;
        }
        int family = OperatingSystem.current() == OperatingSystem.MACOS
                ? raw[1] & 0xff // sa_len, then an 8-bit sa_family
                : (raw[0] & 0xff) | (raw[1] & 0xff) << 8; // a 16-bit sa_family, little-endian on Linux's ABIs
        int port = (raw[PORT_OFFSET] & 0xff) << 8 | raw[PORT_OFFSET + 1] & 0xff;
        try {
            if (family == AF_INET) {
                return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(raw, IPV4_OFFSET, IPV4_OFFSET + IPV4_BYTES)), port);
            }
            if (family == AF_INET6) {
                // An IPv4-mapped address comes back as an Inet4Address, as the JDK reports it.
                return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(raw, IPV6_OFFSET, IPV6_OFFSET + IPV6_BYTES)), port);
            }
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
        return null;
    }

    /** Equal addresses, a wildcard address matching the wildcard of either IP version. */
    private static boolean sameAddress(SocketAddress expected, InetSocketAddress actual) {
        if (actual == null || !(expected instanceof InetSocketAddress wanted) || wanted.getPort() != actual.getPort()) {
            return false;
        }
        InetAddress a = wanted.getAddress();
        InetAddress b = actual.getAddress();
        return a.equals(b) || a.isAnyLocalAddress() && b.isAnyLocalAddress();
    }
}
