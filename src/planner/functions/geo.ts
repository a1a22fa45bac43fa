// GEO_DISTANCE: the great-circle distance between two points, by the haversine formula.
import type { FunctionDefinition } from './registry-types.js';
import { P, fixed } from './patterns.js';
import { toDouble } from './math.js';

const EARTH_RADIUS_KM = 6371;
const EARTH_RADIUS_MILES = 3959;

/** 'KM'/'KILOMETERS' or 'MI'/'MILES', case-insensitive, as ksqlDB accepts. */
function earthRadius(unit: string): number {
  const lower = unit.toLowerCase();
  if (lower === 'km' || lower === 'kilometers' || lower === 'kilometer') return EARTH_RADIUS_KM;
  if (lower === 'mi' || lower === 'miles' || lower === 'mile') return EARTH_RADIUS_MILES;
  throw new Error(`GeoDistance function units parameter must be one of 'KM' or 'MILES', got '${unit}'`);
}

function checkCoordinates(latitude: number, longitude: number): void {
  if (latitude < -90 || latitude > 90) throw new Error(`valid latitude values are in [-90,90], got ${latitude}`);
  if (longitude < -180 || longitude > 180) throw new Error(`valid longitude values are in [-180,180], got ${longitude}`);
}

function geoDistance(lat1: number, lon1: number, lat2: number, lon2: number, unit = 'KM'): number {
  checkCoordinates(lat1, lon1);
  checkCoordinates(lat2, lon2);
  const radians = (degrees: number): number => (degrees * Math.PI) / 180;
  const deltaLatitude = radians(lat2 - lat1);
  const deltaLongitude = radians(lon2 - lon1);
  const haversine =
    Math.sin(deltaLatitude / 2) ** 2 +
    Math.cos(radians(lat1)) * Math.cos(radians(lat2)) * Math.sin(deltaLongitude / 2) ** 2;
  return 2 * earthRadius(unit) * Math.asin(Math.sqrt(haversine));
}

const COORDINATES = [P.numeric, P.numeric, P.numeric, P.numeric];

/** Both overloads: four numeric coordinates, then the unit when given. */
function distanceOfArguments(...args: unknown[]): number {
  const [lat1, lon1, lat2, lon2] = args.slice(0, 4).map(toDouble);
  return geoDistance(lat1!, lon1!, lat2!, lon2!, args[4] as string | undefined);
}

export const GEO_FUNCTIONS: readonly FunctionDefinition[] = [
  {
    name: 'GEO_DISTANCE',
    type: 'SCALAR',
    category: 'GEO',
    description: 'The great-circle distance between two lat/lon points, in KM (default) or MILES.',
    overloads: [
      fixed(COORDINATES, P.double, distanceOfArguments),
      fixed([...COORDINATES, P.string], P.double, distanceOfArguments),
    ],
  },
];
