import type { ReportFigures, ReportFilters, ReportOptions } from '@puente/core';
import { call } from '../../app/api-client';

/** The filters that are set: an empty one is left out. */
function setFilters(filters: ReportFilters): ReportFilters {
  return Object.fromEntries(Object.entries(filters).filter((e) => typeof e[1] === 'string' && e[1] !== ''));
}

/** The filters as a query string, leaving out the ones not set. */
export function filterQuery(filters: ReportFilters): string {
  return new URLSearchParams(setFilters(filters)).toString();
}

export function getReportOptions(): Promise<ReportOptions> {
  return call('get', '/api/reports/options');
}

export function getFigures(filters: ReportFilters): Promise<ReportFigures> {
  return call('get', '/api/reports/figures', { query: setFilters(filters) });
}

/** Where the browser downloads the figures' CSV: a plain link, so the session cookie goes with it. */
export const figuresCsvUrl = (filters: ReportFilters) => `/api/reports/figures.csv?${filterQuery(filters)}`;
export const extractCsvUrl = (filters: ReportFilters) => `/api/reports/extract.csv?${filterQuery(filters)}`;
