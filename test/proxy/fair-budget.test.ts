// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { FairBudget, MAX_WAITING_CLIENTS, type Ticket } from '../../src/proxy/fair-budget.js';

const MINUTE = 60_000;

describe('FairBudget', () => {
  it('gives a client alone the whole window', () => {
    const budget = new FairBudget(10, MINUTE);
    expect(budget.shareOf('a', 0)).toBe(10);
    expect(budget.take('a', 10, 0)).toBe(0);
    expect(budget.take('a', 1, 1)).toBe(MINUTE - 1);
  });

  it('splits the window while another client has a delivery under way, and gives it back when it ends', () => {
    const budget = new FairBudget(10, MINUTE);
    budget.begin('b');
    expect(budget.shareOf('a', 0)).toBe(5);
    expect(budget.take('a', 4, 0)).toBe(0);
    // a holds 4 of its 5: one more fits, two do not until its first slots free.
    expect(budget.take('a', 2, 1_000)).toBe(MINUTE - 1_000);
    expect(budget.take('b', 5, 1_000)).toBe(0);
    budget.end('b', 2_000);
    expect(budget.shareOf('a', 2_000)).toBe(10);
    expect(budget.take('a', 1, 2_000)).toBe(0);
  });

  it('counts a client told to come back as waiting until a little past that time', () => {
    const budget = new FairBudget(10, MINUTE);
    budget.begin('b');
    budget.end('b', 0, 20_000);
    expect(budget.shareOf('a', 40_000)).toBe(5);
    expect(budget.shareOf('a', 50_001)).toBe(10);
  });

  it('lets a client that holds nothing take more than its share for one item', () => {
    const budget = new FairBudget(10, MINUTE);
    budget.begin('b');
    expect(budget.take('a', 8, 0)).toBe(0);
    expect(budget.take('a', 1, 0)).toBeGreaterThan(0);
  });

  it('moves a reserved slot to when its request goes out, and gives back what was not used', () => {
    const budget = new FairBudget(3, MINUTE);
    const ticket: Ticket = { client: 'a', at: 0, left: 0 };
    expect(budget.reserve(ticket, 3)).toBe(0);
    expect(budget.spend(ticket, 30_000)).toBe(0);
    budget.giveBack(ticket);
    expect(budget.window.used(30_000)).toBe(1);
    // The slot counts from when its request went out, not from the reservation.
    expect(budget.window.used(MINUTE + 1)).toBe(1);
    expect(budget.window.used(30_000 + MINUTE)).toBe(0);
  });
});

describe('FairBudget memory', () => {
  it('remembers at most MAX_WAITING_CLIENTS waiting clients, forgetting the one told longest ago', () => {
    // A window this large makes one waiting client more or less visible in a share.
    const budget = new FairBudget(100_000_000, MINUTE);
    budget.end('first', 0, 1_000);
    for (let i = 0; i < MAX_WAITING_CLIENTS - 1; i++) budget.end(`client-${i}`, 0, 1_000);
    expect(budget.shareOf('newcomer', 0)).toBe(Math.floor(100_000_000 / (MAX_WAITING_CLIENTS + 1)));
    budget.end('one-more', 0, 1_000);
    // 'first' is forgotten: the newcomer shares with as many as before.
    expect(budget.shareOf('newcomer', 0)).toBe(Math.floor(100_000_000 / (MAX_WAITING_CLIENTS + 1)));
  });
});
