/**
 * Layer: model/text (pure). How this system's reports are shaped before they leave it: every Event
 * and condition message one bounded line (docs/behaviour.md §5), for the controller and the agent
 * alike.
 */
package io.ovneip.model.text;
