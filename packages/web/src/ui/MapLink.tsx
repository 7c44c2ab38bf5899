import './map-link.css';

/**
 * Where an address opens: Google's documented cross-platform Maps URL
 * (developers.google.com/maps/documentation/urls). A `geo:` link would open
 * any maps app on Android, but iOS Safari does not know the scheme and the tap
 * does nothing; `maps.apple.com` is the reverse. This https address opens the
 * Google Maps app on Android (an app link) and on iOS when it is installed,
 * and the maps website otherwise, so a tap always leads somewhere. The address
 * leaves the app only when the CHW taps it.
 * @example mapsHref('123 Main St, Salinas') // https://www.google.com/maps/search/?api=1&query=123%20Main%20St%2C%20Salinas
 */
export function mapsHref(address: string): string {
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(address.trim())}`;
}

/**
 * An address as a link to the phone's maps app, with a tap target of at least
 * 44×44 px. A new window: an installed app (standalone) is not left behind.
 */
export function MapLink({ address }: { address: string }) {
  return (
    <a class="map-link" href={mapsHref(address)} target="_blank" rel="noopener noreferrer">
      {address}
    </a>
  );
}
