import type { ReportFigures, ReportFilters, ReportOptions } from '@puente/core';
import { api } from '../../app/api';

/** The filters as a query string, leaving out the ones not set. */
export function filterQuery(filters: ReportFilters): string {
  const entries = Object.entries(filters).filter(
    (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
  );
  return new URLSearchParams(entries).toString();
}

export function getReportOptions(): Promise<ReportOptions> {
  return api<ReportOptions>('GET', '/api/reports/options');
}

export function getFigures(filters: ReportFilters): Promise<ReportFigures> {
  return api<ReportFigures>('GET', `/api/reports/figures?${filterQuery(filters)}`);
}

/** Where the browser downloads the figures' CSV: a plain link, so the session cookie goes with it. */
export const figuresCsvUrl = (filters: ReportFilters) => `/api/reports/figures.csv?${filterQuery(filters)}`;
export const extractCsvUrl = (filters: ReportFilters) => `/api/reports/extract.csv?${filterQuery(filters)}`;
