import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class InitialSchema1795685344348 implements MigrationInterface {
  name = 'InitialSchema1795685344348';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "permissions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "code" character varying(64) NOT NULL,
                "description" character varying(255) NOT NULL DEFAULT '',
                CONSTRAINT "UQ_8dad765629e83229da6feda1c1d" UNIQUE ("code"),
                CONSTRAINT "PK_920331560282b8bd21bb02290df" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "role_permissions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "role_id" uuid NOT NULL,
                "permission_id" uuid NOT NULL,
                CONSTRAINT "uq_role_permissions_role_permission" UNIQUE ("role_id", "permission_id"),
                CONSTRAINT "PK_84059017c90bfcb701b8fa42297" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_role_permissions_permission_id" ON "role_permissions" ("permission_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "roles" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "name" character varying(32) NOT NULL,
                "description" character varying(255) NOT NULL DEFAULT '',
                CONSTRAINT "UQ_648e3f5447f725579d7d4ffdfb7" UNIQUE ("name"),
                CONSTRAINT "PK_c1433d71a4838793a49dcad46ab" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "user_roles" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "user_id" uuid NOT NULL,
                "role_id" uuid NOT NULL,
                CONSTRAINT "uq_user_roles_user_role" UNIQUE ("user_id", "role_id"),
                CONSTRAINT "PK_8acd5cf26ebd158416f477de799" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_user_roles_role_id" ON "user_roles" ("role_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "warehouses" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "code" character varying(20) NOT NULL,
                "name" character varying(200) NOT NULL,
                "address" character varying(500) NOT NULL,
                "capacity" integer,
                "created_by_admin_id" uuid,
                CONSTRAINT "UQ_d8b96d60ff9a288f5ed862280d9" UNIQUE ("code"),
                CONSTRAINT "PK_56ae21ee2432b2270b48867e4be" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_warehouses_created_by_admin_id" ON "warehouses" ("created_by_admin_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "operator_profiles" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "user_id" uuid NOT NULL,
                "warehouse_id" uuid NOT NULL,
                "shift_start" TIME,
                "shift_end" TIME,
                CONSTRAINT "REL_6af4492922b7b206e39163b644" UNIQUE ("user_id"),
                CONSTRAINT "PK_484f29fdc6cb7e6d5e791b759f3" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_operator_profiles_warehouse_id" ON "operator_profiles" ("warehouse_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."user_status" AS ENUM('INVITED', 'ACTIVE', 'DISABLED')
        `);
    await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "email" character varying(320) NOT NULL,
                "password_hash" character varying(100),
                "full_name" character varying(200) NOT NULL DEFAULT '',
                "phone" character varying(32),
                "address" character varying(500),
                "status" "public"."user_status" NOT NULL DEFAULT 'INVITED',
                CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"),
                CONSTRAINT "ck_users_email_lower" CHECK ("email" = lower("email")),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "clients" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "user_id" uuid NOT NULL,
                "company_name" character varying(200) NOT NULL,
                "billing_address" character varying(500),
                "created_by_admin_id" uuid,
                CONSTRAINT "REL_07a7a09b04e7b035c9d90cf498" UNIQUE ("user_id"),
                CONSTRAINT "PK_f1ab7cf3a5714dbc6bb4e1c28a4" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_clients_created_by_admin_id" ON "clients" ("created_by_admin_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."invitation_status" AS ENUM('PENDING', 'ACCEPTED', 'EXPIRED', 'REVOKED')
        `);
    await queryRunner.query(`
            CREATE TABLE "invitations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "email" character varying(320) NOT NULL,
                "token_hash" character(64) NOT NULL,
                "status" "public"."invitation_status" NOT NULL DEFAULT 'PENDING',
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "role_id" uuid NOT NULL,
                "invited_by_id" uuid,
                "warehouse_id" uuid,
                "company_name" character varying(200),
                "billing_address" character varying(500),
                "shift_start" TIME,
                "shift_end" TIME,
                "accepted_at" TIMESTAMP WITH TIME ZONE,
                "accepted_user_id" uuid,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_872ac94a64b3d44fc4b554780cd" UNIQUE ("token_hash"),
                CONSTRAINT "ck_invitations_email_lower" CHECK ("email" = lower("email")),
                CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_invitations_email" ON "invitations" ("email")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_invitations_role_id" ON "invitations" ("role_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_invitations_invited_by_id" ON "invitations" ("invited_by_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_invitations_warehouse_id" ON "invitations" ("warehouse_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_invitations_accepted_user_id" ON "invitations" ("accepted_user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_invitations_pending_email" ON "invitations" ("email")
            WHERE "status" = 'PENDING'
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."outbox_status" AS ENUM('PENDING', 'SENT', 'FAILED')
        `);
    await queryRunner.query(`
            CREATE TABLE "outbox_messages" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "recipient" character varying(320) NOT NULL,
                "subject" character varying(300) NOT NULL,
                "text_body" text NOT NULL,
                "html_body" text NOT NULL,
                "subject_type" character varying(50) NOT NULL,
                "subject_id" uuid NOT NULL,
                "status" "public"."outbox_status" NOT NULL DEFAULT 'PENDING',
                "attempts" integer NOT NULL DEFAULT '0',
                "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_error" text,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_0171348f527c64b137e4d4f5b66" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_outbox_messages_subject" ON "outbox_messages" ("subject_type", "subject_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_outbox_messages_due" ON "outbox_messages" ("next_attempt_at")
            WHERE "status" = 'PENDING'
        `);
    await queryRunner.query(`
            ALTER TABLE "role_permissions"
            ADD CONSTRAINT "FK_178199805b901ccd220ab7740ec" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "role_permissions"
            ADD CONSTRAINT "FK_17022daf3f885f7d35423e9971e" FOREIGN KEY ("permission_id") REFERENCES "permissions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "user_roles"
            ADD CONSTRAINT "FK_87b8888186ca9769c960e926870" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "user_roles"
            ADD CONSTRAINT "FK_b23c65e50a758245a33ee35fda1" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "warehouses"
            ADD CONSTRAINT "FK_9e9c6f1a61bd944af3647d26f34" FOREIGN KEY ("created_by_admin_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "operator_profiles"
            ADD CONSTRAINT "FK_6af4492922b7b206e39163b6445" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "operator_profiles"
            ADD CONSTRAINT "FK_e9268ce89c999a9dc75a9871c96" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "clients"
            ADD CONSTRAINT "FK_07a7a09b04e7b035c9d90cf4984" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "clients"
            ADD CONSTRAINT "FK_f86ba7e65da831d98eaf6de9e01" FOREIGN KEY ("created_by_admin_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD CONSTRAINT "FK_e4950c4d6aa2236f5213538e01a" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD CONSTRAINT "FK_d4de0403dd012cf87b430af70ef" FOREIGN KEY ("invited_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD CONSTRAINT "FK_c2510c0bfaf2001822c999870a4" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD CONSTRAINT "FK_df23d38837247bf326e90ca41a7" FOREIGN KEY ("accepted_user_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "invitations" DROP CONSTRAINT "FK_df23d38837247bf326e90ca41a7"
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations" DROP CONSTRAINT "FK_c2510c0bfaf2001822c999870a4"
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations" DROP CONSTRAINT "FK_d4de0403dd012cf87b430af70ef"
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations" DROP CONSTRAINT "FK_e4950c4d6aa2236f5213538e01a"
        `);
    await queryRunner.query(`
            ALTER TABLE "clients" DROP CONSTRAINT "FK_f86ba7e65da831d98eaf6de9e01"
        `);
    await queryRunner.query(`
            ALTER TABLE "clients" DROP CONSTRAINT "FK_07a7a09b04e7b035c9d90cf4984"
        `);
    await queryRunner.query(`
            ALTER TABLE "operator_profiles" DROP CONSTRAINT "FK_e9268ce89c999a9dc75a9871c96"
        `);
    await queryRunner.query(`
            ALTER TABLE "operator_profiles" DROP CONSTRAINT "FK_6af4492922b7b206e39163b6445"
        `);
    await queryRunner.query(`
            ALTER TABLE "warehouses" DROP CONSTRAINT "FK_9e9c6f1a61bd944af3647d26f34"
        `);
    await queryRunner.query(`
            ALTER TABLE "user_roles" DROP CONSTRAINT "FK_b23c65e50a758245a33ee35fda1"
        `);
    await queryRunner.query(`
            ALTER TABLE "user_roles" DROP CONSTRAINT "FK_87b8888186ca9769c960e926870"
        `);
    await queryRunner.query(`
            ALTER TABLE "role_permissions" DROP CONSTRAINT "FK_17022daf3f885f7d35423e9971e"
        `);
    await queryRunner.query(`
            ALTER TABLE "role_permissions" DROP CONSTRAINT "FK_178199805b901ccd220ab7740ec"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_messages_due"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_messages_subject"
        `);
    await queryRunner.query(`
            DROP TABLE "outbox_messages"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."outbox_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_invitations_pending_email"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_invitations_accepted_user_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_invitations_warehouse_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_invitations_invited_by_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_invitations_role_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_invitations_email"
        `);
    await queryRunner.query(`
            DROP TABLE "invitations"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."invitation_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_clients_created_by_admin_id"
        `);
    await queryRunner.query(`
            DROP TABLE "clients"
        `);
    await queryRunner.query(`
            DROP TABLE "users"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."user_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_operator_profiles_warehouse_id"
        `);
    await queryRunner.query(`
            DROP TABLE "operator_profiles"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_warehouses_created_by_admin_id"
        `);
    await queryRunner.query(`
            DROP TABLE "warehouses"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_user_roles_role_id"
        `);
    await queryRunner.query(`
            DROP TABLE "user_roles"
        `);
    await queryRunner.query(`
            DROP TABLE "roles"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_role_permissions_permission_id"
        `);
    await queryRunner.query(`
            DROP TABLE "role_permissions"
        `);
    await queryRunner.query(`
            DROP TABLE "permissions"
        `);
  }
}
