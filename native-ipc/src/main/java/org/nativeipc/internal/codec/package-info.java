/**
 * What the codecs tell the handles of shared objects while a message is being decoded
 * ({@link org.nativeipc.internal.codec.ReceivingPolicy}). Not public API.
 */
package org.nativeipc.internal.codec;
