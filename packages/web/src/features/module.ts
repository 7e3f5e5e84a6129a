import type { ComponentType, ReactNode } from 'react';
import type { Permission } from '@fangkong/domain';
import type { MessageKey } from '../i18n/catalogues';

/*
 * What a feature brings to the app's shared places: its pages (the router), its menu entries (the
 * side menu) and its home page cards. The router, the menu and the home page only gather these
 * from the list in ./index.ts, so a new feature is a folder and one line there.
 */

/** A page under the signed-in layout. */
export interface FeatureRoute {
  /** As react-router takes it below `/` (no leading slash). */
  path: string;
  element: ReactNode;
  /** Holders only (others see the "forbidden" page); every signed-in user when absent. */
  permission?: Permission;
}

/** A live count shown next to a menu entry's label while it is above zero. */
export interface NavBadge {
  /** A React hook: called only while the entry is shown, so only for those allowed to see it. */
  useCount: () => number;
  testId: string;
}

export interface NavItem {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** Shown only to users holding this permission; everyone when absent. */
  permission?: Permission;
  badge?: NavBadge;
  /** A group: its path is only the menu's key; the entries are its children, in this order. */
  children?: readonly NavItem[];
}

/** An entry at the menu's top level (a page or a group); the menu shows them by `order`, smallest first. */
export interface MenuEntry extends NavItem {
  order: number;
}

/** A card of the home page, shown to holders of `permission`; the cards stand by `order`, smallest first. */
export interface HomeCard {
  id: string;
  order: number;
  permission: Permission;
  Card: ComponentType;
}

/**
 * A part of every signed-in page: an action in the header (the bell), or a watcher with nothing
 * of its own to show in place (the alert notifier, which opens notices). Ordered by `order`.
 */
export interface LayoutPart {
  id: string;
  order: number;
  place: 'header' | 'background';
  Component: ComponentType;
}

export interface FeatureModule {
  id: string;
  routes: readonly FeatureRoute[];
  menu?: readonly MenuEntry[];
  homeCards?: readonly HomeCard[];
  layout?: readonly LayoutPart[];
}
