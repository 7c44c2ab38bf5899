import type { ListingProposal, MyListings, ProposalRequest, ServiceForm } from '@puente/core';
import { call } from '../../app/api-client';

export const myListings = (): Promise<MyListings> => call('get', '/api/listing-proposals/mine', {});

export const ownListingForm = (id: string): Promise<{ id: string; form: ServiceForm }> =>
  call('get', '/api/listing-proposals/services/{id}/form', { path: { id } });

export const proposeChange = (body: ProposalRequest): Promise<ListingProposal> =>
  call('post', '/api/listing-proposals', { body });

export const pendingProposals = async (): Promise<ListingProposal[]> =>
  (await call('get', '/api/listing-proposals', { query: { status: 'pending' } })).proposals;

export const approveProposal = (id: string): Promise<ListingProposal> =>
  call('post', '/api/listing-proposals/{id}/approve', { path: { id } });

export const declineProposal = (id: string, reason: string): Promise<ListingProposal> =>
  call('post', '/api/listing-proposals/{id}/decline', { path: { id }, body: reason ? { reason } : {} });
