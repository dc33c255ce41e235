/**
 * Layer: model/nb (pure). Typed rows of the OVN Northbound tables this system writes (schema 7.0.0,
 * OVN 23.03), their natural keys, ownership ({@code external_ids:ovn-eip-owner}) and the
 * conversions to and from the OVSDB {@link io.ovneip.ovsdb.protocol.Row} representation. Identity
 * is by natural key, never by {@code _uuid} (architecture rule 4).
 */
package io.ovneip.model.nb;
